import os

DEBUG = False

# the deploy job gets its role from the environment; only the region and the profile name are set here
os.environ.update(AWS_DEFAULT_REGION="eu-central-1", AWS_PROFILE="deploy")
