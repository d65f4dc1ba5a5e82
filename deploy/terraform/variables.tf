# Resource Manager fills tenancy_ocid, region and compartment_ocid itself; schema.yaml shows the rest as a form.

variable "tenancy_ocid" {
  type        = string
  description = "The tenancy: dynamic groups and the policy are created in its root compartment."
}

variable "region" {
  type        = string
  description = "The region to deploy to; deploy one stack per region (events, resources and keys are regional)."
}

variable "compartment_ocid" {
  type        = string
  description = "The compartment for the function, its topic, logs and schedule."
}

variable "guarded_compartment_ocid" {
  type        = string
  description = "The compartment to guard (its children included): the Events rules and the daily sweep cover it."
}

variable "subnet_ocid" {
  type        = string
  description = "The subnet the Functions application runs in (it needs a route to the OCI APIs, e.g. a service gateway)."
}

variable "function_image" {
  type        = string
  description = "The function image in OCIR, as pushed by 'fn deploy' or 'docker push', e.g. iad.ocir.io/<namespace>/cmk-guard:0.1.0."
}

variable "mode" {
  type        = string
  default     = "notify"
  description = "audit (log only), notify (publish findings) or remediate (assign the key in place, then notify)."
  validation {
    condition     = contains(["audit", "notify", "remediate"], var.mode)
    error_message = "The mode must be audit, notify or remediate."
  }
}

variable "remediation_key_ocid" {
  type        = string
  default     = ""
  description = "The Vault key remediation assigns (CMK_GUARD_KMS_KEY_ID); required in remediate mode."
}

variable "vault_compartment_ocid" {
  type        = string
  default     = ""
  description = "The compartment of the remediation key's vault: the key grants are scoped to it; required in remediate mode."
}

variable "notification_emails" {
  type        = list(string)
  default     = []
  description = "Email addresses subscribed to the findings topic (each must confirm the subscription email)."
}

variable "slack_webhook_url" {
  type        = string
  default     = ""
  sensitive   = true
  description = "A Slack incoming-webhook URL subscribed to the findings topic; empty for none."
}

variable "sweep_schedule" {
  type        = string
  default     = "0 5 * * *"
  description = "When the Resource Scheduler invokes the daily sweep of the guarded compartment (cron, UTC)."
}

variable "posture_metrics" {
  type        = bool
  default     = true
  description = "Post posture metrics to OCI Monitoring (namespace cmk_guard, in compartment_ocid) and alarm on the findings topic when resources are not on a customer-managed key or no sweep completed for 25 hours."
}
