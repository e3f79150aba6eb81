resource "aws_lambda_function" "worker" {
  function_name = "orders-worker"
  role          = aws_iam_role.worker.arn
  handler       = "app.handler"
  runtime       = "python3.12"
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${aws_lambda_function.worker.function_name}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_lambda_function" "api" {
  function_name = var.api_name
  role          = aws_iam_role.worker.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  logging_config {
    log_format = "JSON"
    log_group  = "/platform/lambda"
  }
}
