# Instances configured from collections that are only known at plan time, and a static map with quiet levels.
variable "services" {
  description = "Service name => settings, supplied by the environment's tfvars"
  type = map(object({
    handler   = string
    log_level = string
  }))
}

data "aws_ssm_parameter" "log_level" {
  name = "/shop/log-level"
}

resource "aws_lambda_function" "service" {
  for_each      = var.services
  function_name = "shop-${each.key}"
  role          = aws_iam_role.service.arn
  handler       = each.value.handler
  runtime       = "python3.12"
  filename      = "build/${each.key}.zip"

  environment {
    variables = {
      LOG_LEVEL = each.value.log_level
    }
  }
}

resource "aws_lambda_function" "worker" {
  count         = length(data.aws_ssm_parameter.log_level.value) > 0 ? 2 : 0
  function_name = "queue-worker-${count.index}"
  role          = aws_iam_role.service.arn
  handler       = "worker.handler"
  runtime       = "nodejs20.x"
  filename      = "build/worker.zip"

  environment {
    variables = {
      LOG_LEVEL = data.aws_ssm_parameter.log_level.value
      DEBUG     = count.index == 0 ? "true" : "false"
    }
  }
}

resource "aws_lambda_function" "reporting" {
  for_each      = toset(["daily", "weekly"])
  function_name = "report-${each.value}"
  role          = aws_iam_role.service.arn
  handler       = "report.${each.key}"
  runtime       = "python3.12"
  filename      = "build/report.zip"

  environment {
    variables = {
      LOG_LEVEL   = "INFO"
      REPORT_KIND = each.value
    }
  }
}

resource "aws_lambda_function" "disabled_debug" {
  count         = 0
  function_name = "debug-probe"
  role          = aws_iam_role.service.arn
  handler       = "probe.handler"
  runtime       = "python3.12"
  filename      = "build/probe.zip"

  environment {
    variables = {
      LOG_LEVEL = "DEBUG"
    }
  }
}
