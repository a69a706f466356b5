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
        self.stdout.write("\nOpen http://127.0.0.1:8000/ — the partnership is public to read.")
