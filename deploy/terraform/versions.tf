terraform {
  required_version = ">= 1.2"
  required_providers {
    oci = {
      source  = "oracle/oci"
      version = ">= 7.4.0" # resource scheduler schedules with a BODY parameter
    }
  }
}

provider "oci" {
  region = var.region
}
