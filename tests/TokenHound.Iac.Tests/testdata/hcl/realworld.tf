# Real-world style module: everything the parser has to cope with.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.40" }
  }
  backend "s3" {}
}

/* Multi-line
   comment */
locals {
  name      = "${var.project}-${var.environment}"
  common_tags = merge(var.tags, {
    Project     = var.project
    Environment = var.environment // trailing comment
  })
  functions = {
    for name, cfg in var.functions : name => merge(cfg, { memory = lookup(cfg, "memory", 128) })
    if cfg.enabled
  }
  subnet_ids   = [for s in data.aws_subnet.private : s.id]
  first_subnet = local.subnet_ids[0]
  all_arns     = aws_lambda_function.fn[*].arn
  legacy_splat = aws_lambda_function.fn.*.arn
  ratio        = (var.max - var.min) / 2 * 3 % 7
  enabled      = !var.disabled && (var.environment == "prod" || var.force)
  negative     = -1.5e3
  user_data = <<-EOT
    #!/bin/bash
    echo "${local.name}" > /etc/app-name
    %{ for port in var.ports ~}
    iptables -A INPUT -p tcp --dport ${port} -j ACCEPT
    %{ endfor ~}
  EOT
  escaped   = "literal $${not_interpolated} and %%{not_a_directive} \"quoted\" \u00e9"
  cidr      = provider::aws::arn_parse(var.role_arn).account_id
  grouped   = { for k, v in var.items : v.group => k... }
}

variable "project" {
  type    = string
  default = "orders"
}

variable "environment" {
  type    = string
  default = "prod"

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "Environment must be dev or prod."
  }
}

variable "functions" {
  type = map(object({
    handler = string
    memory  = optional(number, 128)
    enabled = bool
  }))
  default = {}
}

resource "aws_lambda_function" "fn" {
  for_each      = local.functions
  function_name = "${local.name}-${each.key}"
  role          = aws_iam_role.fn[each.key].arn
  handler       = each.value.handler
  runtime       = "python3.12"
  memory_size   = each.value.memory
  timeout       = var.environment == "prod" ? 30 : 10

  dynamic "vpc_config" {
    for_each = length(local.subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = local.subnet_ids
      security_group_ids = [aws_security_group.fn.id]
    }
  }

  environment {
    variables = merge(local.common_tags, { STAGE = var.environment })
  }

  lifecycle { ignore_changes = [tags] }
  tags = local.common_tags
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
  name    = local.name
  cidr    = "10.0.0.0/16"
  azs     = slice(data.aws_availability_zones.available.names, 0, 3)
}

output "function_arns" {
  value = { for k, f in aws_lambda_function.fn : k => f.arn }
}
