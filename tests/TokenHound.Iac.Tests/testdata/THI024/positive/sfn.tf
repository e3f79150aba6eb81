resource "aws_sfn_state_machine" "sync" {
  name     = "sync"
  role_arn = aws_iam_role.sfn.arn

  definition = jsonencode({
    StartAt = "Call"
    States = {
      Call = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = aws_lambda_function.sync.arn
          Payload = {
            "user.$"  = "$.user"
            "token.$" = "$.token" # expect: THI024
          }
        }
        End = true
      }
    }
  })
}
