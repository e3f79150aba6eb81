resource "aws_iam_user" "ci" {
  name = "ci-deploy"
}

resource "aws_iam_access_key" "old" {
  user   = aws_iam_user.ci.name
  status = "Inactive"
}
