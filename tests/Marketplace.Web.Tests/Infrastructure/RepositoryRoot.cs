namespace Marketplace.Web.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The folder holding Marketplace.sln, found by walking up from the test binaries.</summary>
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new DirectoryNotFoundException("Marketplace.sln not found above the test binaries.");
        }
    }
}
