using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Dissect.Live.Tests")]
