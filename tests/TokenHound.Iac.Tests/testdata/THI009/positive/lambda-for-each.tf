# One function per service, configured from a map (for_each), plus a fixed pool of workers (count).
locals {
  services = {
    orders = {
      handler   = "orders.handler"
      log_level = "INFO"
    }
    payments = {
      handler   = "payments.handler"
      log_level = "DEBUG" # expect: THI009
    }
    refunds = {
      handler   = "refunds.handler"
      log_level = "WARN"
    }
  }
}

resource "aws_iam_role" "service" {
  for_each = local.services
  name     = "${each.key}-service"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_function" "service" {
  for_each      = local.services
  function_name = "shop-${each.key}"
  role          = aws_iam_role.service[each.key].arn
  handler       = each.value.handler
  runtime       = "python3.12"
  filename      = "build/${each.key}.zip"

  environment {
    variables = {
      LOG_LEVEL    = each.value.log_level
      SERVICE_NAME = each.key
    }
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each          = local.services
  name              = "/aws/lambda/${aws_lambda_function.service[each.key].function_name}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

variable "worker_log_levels" {
  type    = list(string)
  default = ["INFO", "INFO", "TRACE"]
}

resource "aws_lambda_function" "worker" {
  count         = 3
  function_name = "queue-worker-${count.index}"
  role          = aws_iam_role.worker.arn
  handler       = "worker.handler"
  runtime       = "nodejs20.x"
  filename      = "build/worker.zip"

  environment {
    variables = {
      LOG_LEVEL = var.worker_log_levels[count.index] # expect: THI009
    }
  }
}

# One checkout function per environment; the environment map is used as the function's environment as a whole.
locals {
  checkout_environments = {
    staging = {
      LOG_LEVEL               = "DEBUG" # expect: THI009
      POWERTOOLS_SERVICE_NAME = "checkout"
    }
    production = {
      LOG_LEVEL               = "INFO"
      POWERTOOLS_SERVICE_NAME = "checkout"
    }
  }
}

resource "aws_lambda_function" "checkout" {
  for_each      = local.checkout_environments
  function_name = "checkout-${each.key}"
  role          = aws_iam_role.worker.arn
  handler       = "checkout.handler"
  runtime       = "python3.12"
  filename      = "build/checkout.zip"

  environment {
    variables = each.value
  }
}
