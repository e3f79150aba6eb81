resource "aws_cloudwatch_log_group" "audit" { # expect: THI010
  name              = "/orders/audit"
  retention_in_days = 0 # expect: THI010
}

resource "aws_cloudwatch_log_group" "api" { # expect: THI010
  name              = "/orders/api"
  retention_in_days = 14
}
