data "aws_cognito_user_pool" "existing_pool" {
  user_pool_id = var.user_pool_id
}

resource "aws_apigatewayv2_authorizer" "cognito_auth" {
  api_id           = aws_apigatewayv2_api.http_api.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "cognito-authorizer"

  jwt_configuration {
    audience = [var.cognito_client_id]
    issuer   = "https://cognito-idp.${data.aws_cognito_user_pool.existing_pool.region}.amazonaws.com/${data.aws_cognito_user_pool.existing_pool.id}"
  }
}
