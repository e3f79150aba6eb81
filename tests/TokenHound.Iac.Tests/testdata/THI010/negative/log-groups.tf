resource "aws_cloudwatch_log_group" "api" {
  name              = "/orders/api"
  retention_in_days = var.retention_days
  kms_key_id        = aws_kms_key.logs.arn
}
