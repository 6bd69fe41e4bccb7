"""Plain-Python core of Tera (no Django): instruments, scoring engine and target planner."""
