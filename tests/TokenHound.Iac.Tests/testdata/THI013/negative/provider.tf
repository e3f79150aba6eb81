provider "aws" {
  region  = var.region
  profile = "deploy"

  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}
