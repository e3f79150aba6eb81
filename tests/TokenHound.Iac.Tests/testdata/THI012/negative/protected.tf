resource "aws_lambda_function" "authorizer" {
  function_name = "orders-authorizer"
  role          = aws_iam_role.authorizer.arn
  handler       = "authorizer.handler"
  runtime       = "nodejs20.x"
}

resource "aws_cloudwatch_log_group" "authorizer" {
  name              = "/aws/lambda/orders-authorizer"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_data_protection_policy" "authorizer" {
  log_group_name = aws_cloudwatch_log_group.authorizer.name
  policy_document = jsonencode({
    Name    = "mask-credentials"
    Version = "2021-06-01"
    Statement = []
  })
}

resource "aws_api_gateway_authorizer" "token" {
  name           = "token"
  rest_api_id    = aws_api_gateway_rest_api.api.id
  authorizer_uri = aws_lambda_function.authorizer.invoke_arn
}

resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = aws_iam_role.authorizer.arn
  handler       = "reports.handler"
  runtime       = "nodejs20.x"
  environment {
    variables = { TABLE_NAME = "reports" }
  }
}

resource "aws_cloudwatch_log_group" "reports" {
  name              = "/aws/lambda/reports"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}
