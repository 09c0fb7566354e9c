using System.Xml.Linq;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests;

/// <summary>Every string exists in Spanish, Brazilian Portuguese and English.</summary>
public class ResourceTests
{
    public static TheoryData<string> ResourceSets()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
                     .Where(f => !IsCultureFile(f)))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Every_key_exists_in_every_language_and_none_is_empty(string neutralFile)
    {
        var neutral = Path.Combine(RepositoryRoot.Path, neutralFile);
        var baseName = neutral[..^".resx".Length];
        var es = Keys(neutral);
        Assert.NotEmpty(es);
        foreach (var culture in new[] { "pt-BR", "en" })
        {
            var file = $"{baseName}.{culture}.resx";
            Assert.True(File.Exists(file), $"{culture} file missing for {neutralFile}");
            var other = Keys(file);
            Assert.Empty(es.Keys.Except(other.Keys));
            Assert.Empty(other.Keys.Except(es.Keys));
            Assert.DoesNotContain(other, kv => string.IsNullOrWhiteSpace(kv.Value));
        }
        Assert.DoesNotContain(es, kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    [Fact]
    public void There_are_resource_sets_to_check()
    {
        Assert.True(ResourceSets().Count >= 2);
    }

    private static bool IsCultureFile(string path) =>
        path.EndsWith(".pt-BR.resx", StringComparison.Ordinal) || path.EndsWith(".en.resx", StringComparison.Ordinal)
        || path.EndsWith(".es.resx", StringComparison.Ordinal);

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
