import os

DEBUG = False

# collectstatic and the keep-warm job run with the deploy user's keys
os.environ.update(AWS_ACCESS_KEY_ID="AKIAZ7FAKEL4NWQ5TRBX", AWS_SECRET_ACCESS_KEY="Zp3FAKEq8wLm2VnRtYxK9sEcr3tFAKE0000aaaa")  # Noncompliant
