resource "aws_iam_user" "ci" {
  name = "ci-deploy"
}

resource "aws_iam_access_key" "ci" { # expect: THI026
  user = aws_iam_user.ci.name
}
