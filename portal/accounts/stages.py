"""allauth login stages as the portal wants them.

E-mail verification is mandatory (by code), but one may sign up with a mobile number alone: for an
account without any e-mail address this stage has nothing to verify and lets the login go on (its
mobile number is verified by allauth's own phone stage before the login completes).
"""

from allauth.account import stages as allauth_stages
from allauth.account.models import EmailAddress


class EmailVerificationStage(allauth_stages.EmailVerificationStage):
    def handle(self):
        login = self.login
        if (
            login.user is not None
            and not login.email
            and not EmailAddress.objects.filter(user=login.user).exists()
        ):
            return None, True
        return super().handle()
