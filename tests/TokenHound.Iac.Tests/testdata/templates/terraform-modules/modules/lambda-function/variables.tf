variable "function_name" {
  description = "Name of the Lambda function"
  type        = string
}

variable "handler" {
  type = string
}

variable "source_path" {
  description = "Path of the deployment package"
  type        = string
}

variable "runtime" {
  type    = string
  default = "python3.12"
}

variable "log_level" {
  description = "Application log level (Powertools)"
  type        = string
  default     = "INFO"
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "kms_key_arn" {
  description = "KMS key for the function's log group"
  type        = string
}

variable "api_token" {
  description = "Token for the upstream partner API"
  type        = string
  sensitive   = true
  default     = null
}
