using System.Runtime.CompilerServices;

namespace Dissect.Filter.Tests;

/// <summary>Golden text files under tests/Dissect.Filter.Tests/golden/; UPDATE_GOLDEN=1 rewrites them.</summary>
static class Golden
{
    public static string Dir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden");

    public static void Check(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var path = Path.Combine(Dir(), name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Dir());
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} missing: run with UPDATE_GOLDEN=1");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }
}
