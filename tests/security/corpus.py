"""The attack payloads every public parameter and API field is fed, and what a safe answer is."""

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR 1=1 --",
    "1; DROP TABLE portal_search_searchdocument; --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "../../../../etc/passwd",
    "\x00",
    "社保\x00卡",
    "\ud800",
    "a\udfffb",
    "x" * 10_000,
    "养" * 10_000,
    "99999999999999999999",
    "-1",
    "-99999999999999999999",
    "9999-12-31",
    "0000-00-00",
    "NaN",
    "1e309",
    "%00",
    "\u202e\u200b",
    'NEAR(a b) AND * OR "',
    '=HYPERLINK("http://x")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "${jndi:ldap://127.0.0.1/a}",
]


def query_string(params: dict) -> str:
    """URL-encode like a browser would, but keep lone surrogates (the test client cannot encode
    them) as the bytes an attacker would send: %ED%A0%80."""
    from urllib.parse import quote

    return "&".join(f"{k}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in params.items())


def assert_safe(response, payload: str) -> None:
    assert response.status_code < 500, (response.status_code, payload[:40])
    body = response.content.decode("utf-8", "replace")
    if "<" in payload and response["Content-Type"].startswith("text/html"):
        assert payload not in body, payload[:40]
