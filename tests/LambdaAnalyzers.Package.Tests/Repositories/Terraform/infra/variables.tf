variable "prefix" {
  type    = string
  default = "shop"
}

variable "billing_package" {
  type        = string
  description = "The zip CI builds for the billing function."
}
