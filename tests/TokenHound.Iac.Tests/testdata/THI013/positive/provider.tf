terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAZ7FAKEKEY2345X7Q" # expect: THI013
  secret_key = "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" # expect: THI013
}
