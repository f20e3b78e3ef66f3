//! The uniffi bindings generator, pinned to the runtime's uniffi version.

fn main() {
    uniffi::uniffi_bindgen_main()
}
