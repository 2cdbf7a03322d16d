# Varnish 7 front cache for the portal (ADR 0003). Run it on port 80/6081 in front of gunicorn:
#   varnishd -a :6081 -f /etc/varnish/varnish-portal.vcl -s malloc,1g
# and point the app at it: PORTAL_FRONT_CACHE_URL=http://127.0.0.1:6081 (purge on publish).
#
# What it keeps: only anonymous GET/HEAD that the app answered "Cache-Control: public, …s-maxage=…"
# without Set-Cookie. The cache key is host + URL; the variant is the reader-preference cookie
# `portal_pref` (the app answers "Vary: Cookie" and every other cookie is stripped here, so
# sessions, CSRF and analytics cookies never split or poison the cache).
# Never kept, whatever the app says (the same list as portal/core/cache_rules.py): /documents/
# (every file is permission-checked per request), /admin/, /django-admin/, /api/ (OA intake),
# /display/ (toggles), /_util/ (login and password forms), /yonghu/ (public accounts), /sso/ and
# /.well-known/ (single sign-on: consent, tokens, discovery, keys), with or without a language prefix;
# requests with a session cookie or Authorization; any method but GET/HEAD; responses that are
# private, no-store, no-cache, set a cookie, or do not say public with an s-maxage.
#
# Staleness: a page whose content changed is purged hard (its next reader gets the new version);
# the pages that merely list it (columns, home, feeds, sitemap) are purged soft, "X-Purge-Mode:
# soft": the next reader gets the previous copy once while the new one is fetched in the
# background (for at most 2 s after the purge, so a change is visible within 2 s), and a publish
# during a spike never makes every home-page reader wait for one render.
vcl 4.1;

import purge;

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may PURGE a URL or BAN a host: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Looked up like a GET; vcl_hit / vcl_miss drop every variant of host + URL.
        return (hash);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A change every page shows (navigation, footer): everything of this host.
        ban("obj.http.x-portal-host == " + req.http.host);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    if (req.url ~ "^/([a-z]{2}(-[a-z]+)?/)?(admin|django-admin|api|display|documents|_util|yonghu|sso|\.well-known)/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Keep only the reader-preference cookie; it is the page's variant.
    if (req.http.Cookie ~ "(^|;\s*)portal_pref=") {
        set req.http.Cookie = regsub(req.http.Cookie, "^(.*;\s*)?(portal_pref=[^;]*).*$", "\2");
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_response {
    # A failed background refresh keeps the copy being served rather than replacing it.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Belt and braces: the app marks these private already; a mistake there must not leak them.
    if (bereq.url ~ "^/([a-z]{2}(-[a-z]+)?/)?(admin|django-admin|api|display|documents|_util|yonghu|sso|\.well-known)/"
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control !~ "s-maxage=") {
        # Remember for a while that this URL is not cacheable (requests go on to the app at once).
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Lets a host-wide BAN be evaluated by the ban lurker, without the request.
    set beresp.http.x-portal-host = bereq.http.host;
    # Past its s-maxage a copy is served once more while the new one is fetched (content changes are
    # purged, so expiry only refreshes an unchanged page).
    set beresp.grace = 60s;
}

sub portal_purge {
    if (req.http.X-Purge-Mode == "soft") {
        # Expired now; servable stale for 2 s while the first reader's request refetches it.
        set req.http.X-Purged = purge.soft(0s, 2s);
    } else {
        set req.http.X-Purged = purge.hard();
    }
    return (synth(200, "Purged " + req.http.X-Purged));
}

sub vcl_hit {
    if (req.method == "PURGE") {
        call portal_purge;
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        call portal_purge;
    }
}

sub vcl_deliver {
    unset resp.http.x-portal-host;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
