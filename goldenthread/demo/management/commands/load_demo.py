from django.core.management.base import BaseCommand

from goldenthread.demo.demo import LOGINS, load_demo


class Command(BaseCommand):
    help = "Load the demo partnership (Thurrock, 2014/15) and its demo users; safe to repeat."

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write("\n".join(result.lines()))
        self.stdout.write("\nDemo sign-ins (for this machine only):")
        for login in LOGINS:
            self.stdout.write(f"  {login.role:<13} {login.username:<13} {login.password}")
        # No address here: nothing serves the demo yet when this ends (`make serve` says
        # where it serves it, on the port it was given).
        self.stdout.write("\nThe demo is loaded; its partnership is public to read.")
