public enum MonitorPlaceholder {}
