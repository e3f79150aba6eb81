output "api_endpoint" {
  value = aws_apigatewayv2_api.http.api_endpoint
}

output "ci_access_key_id" {
  value = aws_iam_access_key.ci.id
}

output "ci_secret_access_key" {
  value = aws_iam_access_key.ci.secret # expect: THI017
}

output "ci_secret_for_pipeline" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}
