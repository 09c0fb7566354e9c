using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Producers.ProducerScene;

namespace Marketplace.Web.Tests.Producers;

/// <summary>
/// Upload limits on a real Kestrel socket, where the request size limit applies (the in-memory
/// test server has none): a body past it is answered with the form's field error, never a 500.
/// </summary>
public class UploadLimitOverHttpTests(KestrelMarketplaceFactory site) : IClassFixture<KestrelMarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(5 * 1024 * 1024 + 100)]
    [InlineData(9 * 1024 * 1024)]
    public async Task An_oversized_certificate_is_refused_with_a_message(int size)
    {
        var client = site.CreateSocketClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(client, DemoProducer, MarketplaceFactory.DemoPassword)).StatusCode);
        var certifications = await site.WithDbAsync(db => db.Certifications.CountAsync());
        var big = new byte[size];
        Pdf().CopyTo(big, 0);

        var response = await PostMultipartAsync(client, "/Producer/Certifications", CertificationTests.ThirdParty("BIG-1"),
            new FilePart("Input.Document", "grande.pdf", "application/pdf", big));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = response.StatusCode == HttpStatusCode.Redirect
            ? await client.GetAsync(response.Headers.Location!, Ct)
            : response;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await BodyAsync(page);
        Assert.Contains("id=\"Input_Document-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("más de 5 MB", html);
        Assert.Equal(certifications, await site.WithDbAsync(db => db.Certifications.CountAsync()));
    }
}
