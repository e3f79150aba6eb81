terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "storefront"
      Environment = var.environment
    }
  }
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "staging"
}

locals {
  workers = {
    invoices = {
      handler   = "invoices.handler"
      log_level = "INFO"
    }
    exports = {
      handler   = "exports.handler"
      log_level = "DEBUG" # expect: THI009
    }
  }
}

resource "aws_kms_key" "logs" {
  description         = "CloudWatch Logs encryption for storefront"
  enable_key_rotation = true
}

# Registry and git sources are not followed (no warning either).
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name = "storefront-${var.environment}"
  cidr = "10.20.0.0/16"
}

module "notifications" {
  source = "git::https://github.com/example-org/terraform-notifications.git?ref=v2.1.0"

  topic_name = "storefront-alerts"
}

module "orders_api" {
  source = "./modules/lambda-function"

  function_name      = "storefront-orders-${var.environment}"
  handler            = "orders.handler"
  source_path        = "${path.root}/build/orders.zip"
  kms_key_arn        = aws_kms_key.logs.arn
  log_level          = "DEBUG" # expect: THI009
  log_retention_days = 0 # expect: THI010
  api_token          = "tok_9Hq4Lx2Vm7Tz3Rb8Kc5Wn1Pd6" # expect: THI014
}

module "catalog_api" {
  source = "./modules/lambda-function"

  function_name      = "storefront-catalog-${var.environment}"
  handler            = "catalog.handler"
  source_path        = "${path.root}/build/catalog.zip"
  kms_key_arn        = aws_kms_key.logs.arn
  log_level          = "INFO"
  log_retention_days = 90
  api_token          = var.catalog_api_token
}

module "worker" {
  source   = "./modules/lambda-function"
  for_each = local.workers

  function_name = "storefront-${each.key}-${var.environment}"
  handler       = each.value.handler
  source_path   = "${path.root}/build/${each.key}.zip"
  kms_key_arn   = aws_kms_key.logs.arn
  log_level     = each.value.log_level
}

variable "catalog_api_token" {
  type      = string
  sensitive = true
}
