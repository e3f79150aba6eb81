terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = local.tags
  }
}

locals {
  name = "${var.project}-${var.environment}"
  tags = {
    Project     = var.project
    Environment = var.environment
  }
  common_env = {
    LOG_LEVEL   = var.log_level # expect: THI009
    ORDERS_NAME = local.name
  }
}

resource "aws_cognito_user_pool" "users" {
  name = "${local.name}-users"
}

resource "aws_cognito_user_pool_client" "web" {
  name                   = "web"
  user_pool_id           = aws_cognito_user_pool.users.id
  explicit_auth_flows    = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "${local.name}-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "cognito"

  jwt_configuration {
    audience = [aws_cognito_user_pool_client.web.id]
    issuer   = "https://${aws_cognito_user_pool.users.endpoint}"
  }
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIp"
      routeKey  = "$context.routeKey"
      status    = "$context.status"
      sub       = "$context.authorizer.claims.sub"
    })
  }
}

resource "aws_apigatewayv2_route" "list" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /orders"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
  target             = "integrations/${aws_apigatewayv2_integration.fn["list"].id}"
}

resource "aws_apigatewayv2_route" "webhook" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "POST /webhooks/stripe" # expect: THI003
  target    = "integrations/${aws_apigatewayv2_integration.fn["create"].id}"
}

resource "aws_apigatewayv2_integration" "fn" {
  for_each               = var.lambda_functions
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn[each.key].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_lambda_function" "fn" {
  for_each      = var.lambda_functions
  function_name = "${local.name}-${each.key}"
  role          = aws_iam_role.fn.arn
  handler       = each.value.handler
  memory_size   = each.value.memory
  runtime       = "python3.12"
  filename      = "${path.module}/build/${each.key}.zip"

  environment {
    variables = merge(local.common_env, {
      TABLE_NAME = aws_dynamodb_table.orders.name
    })
  }
}

resource "aws_cloudwatch_log_group" "fn" {
  for_each          = var.lambda_functions
  name              = "/aws/lambda/${aws_lambda_function.fn[each.key].function_name}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "api" { # expect: THI010
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = 90
}

resource "aws_lambda_function" "stripe_webhook" {
  function_name = "${local.name}-stripe-webhook"
  role          = aws_iam_role.webhook.arn
  handler       = "webhook.handler"
  runtime       = "python3.12"
  filename      = "${path.module}/build/webhook.zip"

  environment {
    variables = {
      STRIPE_WEBHOOK_SECRET = "whsec_8Kd2Lq7Vz3Xm9Rt4Bn6Wp1Hc5Jy0" # expect: THI014
      STRIPE_API_KEY        = var.stripe_api_key
    }
  }
}

resource "aws_cloudwatch_log_group" "webhook" { # expect: THI012
  name              = "/aws/lambda/${aws_lambda_function.stripe_webhook.function_name}"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_lambda_function_url" "webhook" {
  function_name      = aws_lambda_function.stripe_webhook.function_name
  authorization_type = "NONE" # expect: THI005
}

resource "aws_dynamodb_table" "orders" {
  name         = "${local.name}-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sfn_state_machine" "fulfilment" {
  name     = "${local.name}-fulfilment"
  role_arn = aws_iam_role.sfn.arn

  definition = jsonencode({
    Comment = "Fulfilment"
    StartAt = "Charge"
    States = {
      Charge = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = aws_lambda_function.fn["create"].arn
          Payload = {
            "orderId.$"     = "$.orderId"
            "stripeToken.$" = "$.payment.stripeToken" # expect: THI024
          }
        }
        End = true
      }
    }
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.sfn.arn}:*"
    include_execution_data = true # expect: THI008
    level                  = "ALL"
  }
}

resource "aws_cloudwatch_log_group" "sfn" {
  name              = "/aws/vendedlogs/states/${local.name}-fulfilment"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_kms_key" "logs" {
  description         = "CloudWatch Logs"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.logs_key.json
}

resource "aws_secretsmanager_secret" "stripe" { # expect: THI025
  name = "${local.name}/stripe"
}
