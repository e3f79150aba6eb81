# Module inputs that are quiet, unknown, or go to modules that are not read (registry / git).
variable "api_log_level" {
  description = "Set per environment in tfvars"
  type        = string
}

variable "services" {
  type = map(string)
}

module "orders" {
  source    = "./modules/api-function"
  name      = "orders"
  log_level = "INFO"
}

module "payments" {
  source    = "./modules/api-function"
  name      = "payments"
  log_level = var.api_log_level
}

module "per_service" {
  source    = "./modules/api-function"
  for_each  = var.services
  name      = each.key
  log_level = each.value
}

module "community_lambda" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "7.2.1"

  function_name = "legacy-import"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  environment_variables = {
    LOG_LEVEL = "DEBUG"
  }
}

module "shared" {
  source    = "git::https://github.com/example-org/tf-lambda.git//function?ref=v3.0.0"
  log_level = "DEBUG"
}
