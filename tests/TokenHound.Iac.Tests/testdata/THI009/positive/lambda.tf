resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.api.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = "build/api.zip"

  environment {
    variables = {
      LOG_LEVEL                   = "debug" # expect: THI009
      POWERTOOLS_LOGGER_LOG_EVENT = "true" # expect: THI009
      TABLE_NAME                  = aws_dynamodb_table.orders.name
    }
  }
}
