package evidence

// Version is the library's version, written into every report.
const Version = "0.1.0"
