resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.api.arn
  handler       = "app.handler"
  runtime       = "python3.12"

  environment {
    variables = {
      LOG_LEVEL = var.log_level
      DEBUG     = "false"
    }
  }

  logging_config {
    log_format            = "JSON"
    application_log_level = "INFO"
  }
}
