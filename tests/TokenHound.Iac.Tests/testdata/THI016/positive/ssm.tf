resource "random_password" "db" {
  length  = 32
  special = false
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/orders/db/password"
  type  = "String" # expect: THI016
  value = random_password.db.result
}
