resource "aws_lambda_function" "authorizer" {
  function_name = "orders-authorizer"
  role          = aws_iam_role.authorizer.arn
  handler       = "authorizer.handler"
  runtime       = "nodejs20.x"

  environment {
    variables = {
      JWKS_URL = "https://issuer.example.net/.well-known/jwks.json"
    }
  }
}

resource "aws_cloudwatch_log_group" "authorizer" { # expect: THI012
  name              = "/aws/lambda/${aws_lambda_function.authorizer.function_name}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_apigatewayv2_authorizer" "lambda" {
  api_id                            = aws_apigatewayv2_api.http.id
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.authorizer.invoke_arn
  identity_sources                  = ["$request.header.Authorization"]
  name                              = "lambda"
  authorizer_payload_format_version = "2.0"
}
