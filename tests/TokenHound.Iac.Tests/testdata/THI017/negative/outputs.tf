output "ci_secret" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}

output "ci_key_id" {
  value = aws_iam_access_key.ci.id
}

output "secret_arn" {
  value = aws_secretsmanager_secret.ci.arn
}
