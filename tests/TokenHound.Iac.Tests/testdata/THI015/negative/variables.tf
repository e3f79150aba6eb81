variable "github_token" {
  type      = string
  sensitive = true
}

variable "token_ttl" {
  type    = number
  default = 3600
}

variable "password_policy" {
  type = object({ minimum_length = number })
}
