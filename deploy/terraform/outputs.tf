output "function_id" {
  value       = oci_functions_function.cmk_guard.id
  description = "For 'fn invoke', 'bin/cmk-guard rules check --function-id' and the console."
}

output "topic_id" {
  value       = oci_ons_notification_topic.findings.id
  description = "The findings topic (CMK_GUARD_TOPIC_ID)."
}

output "rules_check" {
  value       = "bin/cmk-guard rules check --compartment ${var.guarded_compartment_ocid} --function-id ${oci_functions_function.cmk_guard.id}"
  description = "The command that checks the Events rules stay in place."
}

output "report_bucket" {
  value       = var.keep_reports ? oci_objectstorage_bucket.reports[0].name : ""
  description = "The bucket sweeps keep their reports in (sweeps/<sweepId>/report.html, report.json, resources.csv); empty when keep_reports is off."
}
