resource "aws_ssm_parameter" "db_password" {
  name  = "/orders/db/password"
  type  = "SecureString"
  value = random_password.db.result
}

resource "aws_ssm_parameter" "table" {
  name  = "/orders/table-name"
  type  = "String"
  value = aws_dynamodb_table.orders.name
}
