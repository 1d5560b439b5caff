public enum AlertingPlaceholder {}
