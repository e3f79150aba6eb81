variable "project" {
  description = "Project name, used as a prefix"
  type        = string
  default     = "orders"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "log_level" {
  type    = string
  default = "DEBUG"
}

variable "stripe_api_key" { # expect: THI015
  description = "Stripe secret key"
  type        = string
}

variable "lambda_functions" {
  type = map(object({
    handler = string
    memory  = number
  }))
  default = {
    list   = { handler = "list.handler", memory = 256 }
    create = { handler = "create.handler", memory = 512 }
  }
}
