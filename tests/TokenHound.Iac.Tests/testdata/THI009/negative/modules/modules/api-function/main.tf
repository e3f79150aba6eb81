variable "name" {
  type = string
}

variable "log_level" {
  type    = string
  default = "INFO"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = "${path.module}/build/app.zip"

  environment {
    variables = {
      LOG_LEVEL = var.log_level
    }
  }
}

resource "aws_iam_role" "this" {
  name = "${var.name}-api"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
