//! The built-in workflows load, lint clean, and follow the settled readings.

use itsm_core::workflow::Workflow;

#[test]
fn every_built_in_workflow_loads_and_lints_clean() {
    for name in Workflow::builtin_names() {
        let workflow = Workflow::builtin(name).unwrap();
        assert_eq!(workflow.lint(), [], "{name}");
        let again = Workflow::from_json(&workflow.to_json()).unwrap();
        assert_eq!(again.document(), workflow.document(), "{name}");
    }
}
