resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

output "ci_access_key_id" {
  value = aws_iam_access_key.ci.id
}

output "ci_secret" {
  value = aws_iam_access_key.ci.secret # expect: THI017
}

output "db_password" {
  value = random_password.db.result # expect: THI017
}
