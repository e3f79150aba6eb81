# Webhook receivers, one per provider. The signing secrets were pasted into the map instead of Secrets Manager.
locals {
  webhooks = {
    github = {
      path           = "/hooks/github"
      signing_secret = "ghws_7Kq2Lx9Vm4Tz8Rb3Hc6Wn1Pd5" # expect: THI014
    }
    stripe = {
      path           = "/hooks/stripe"
      signing_secret = "whsec_2Rb8Kq5Lx1Vm9Tz4Hc7Wn3Pd6" # expect: THI014
    }
    internal = {
      path           = "/hooks/internal"
      signing_secret = aws_secretsmanager_secret.internal_hook.arn
    }
  }
}

resource "aws_secretsmanager_secret" "internal_hook" {
  name = "webhooks/internal"
}

resource "aws_lambda_function" "webhook" {
  for_each      = local.webhooks
  function_name = "webhook-${each.key}"
  role          = aws_iam_role.webhook.arn
  handler       = "hook.handler"
  runtime       = "nodejs20.x"
  filename      = "build/hook.zip"

  environment {
    variables = {
      HOOK_PATH      = each.value.path
      SIGNING_SECRET = each.value.signing_secret
    }
  }
}
