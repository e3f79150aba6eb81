variable "payment_gateway_key" {
  description = "Key of the payment gateway sandbox"
  type        = string
  sensitive   = true
  default     = "pgk_3Vt8Rx2Bn7Qw5Zc1Hy9Kd4"
}

resource "aws_iam_role" "sfn" {
  name = "checkout-sfn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "states.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "charge" {
  function_name = "checkout-charge"
  role          = aws_iam_role.sfn.arn
  handler       = "charge.handler"
  runtime       = "nodejs20.x"
  filename      = "build/charge.zip"
}

resource "aws_cloudwatch_log_group" "sfn" {
  name              = "/aws/vendedlogs/states/checkout"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_sfn_state_machine" "checkout" {
  name     = "checkout"
  role_arn = aws_iam_role.sfn.arn

  definition = templatefile("${path.module}/statemachine/checkout.asl.json", {
    charge_function_arn = aws_lambda_function.charge.arn
    gateway_key         = var.payment_gateway_key
    session_path        = "$.session.idToken"
    order_table         = "orders"
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.sfn.arn}:*"
    include_execution_data = false
    level                  = "ERROR"
  }
}
