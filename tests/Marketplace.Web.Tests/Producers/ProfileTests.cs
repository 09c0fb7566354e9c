using System.Net;
using System.Text;
using Marketplace.Infrastructure.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Producers.ProducerScene;

namespace Marketplace.Web.Tests.Producers;

/// <summary>The producer's profile form: fields, public flags, and the photo upload with its checks.</summary>
public class ProfileTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<KeyValuePair<string, string>>> ProfileFieldsAsync(string name)
    {
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        return
        [
            new("Input.DisplayName", name),
            new("Input.OrganizationType", "WomensOrganization"),
            new("Input.MemberCount", "25"),
            new("Input.ContactName", "Rosa Quispe"),
            new("Input.ContactGender", "Female"),
            new("Input.MunicipalityId", municipality.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Community", "Ccasapata"),
            new("Input.Phone", "+51 964 123 456"),
            new("Input.ProductsNote", "Chuño y papa seca"),
            new("Input.Story", "Veinticinco mujeres que cultivan papa nativa."),
        ];
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields,
        params (string Key, string Value)[] more)
    {
        var all = new List<KeyValuePair<string, string>>(fields);
        all.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value)));
        return all;
    }

    [Fact]
    public async Task A_first_save_creates_the_producer_with_its_products_and_public_choices()
    {
        var email = await NewProducerAccountAsync(site);
        var client = await SignedInAsync(site, email);
        var name = $"Mujeres de Ccasapata {Guid.NewGuid():N}";
        var categories = await site.WithDbAsync(db => db.ProductCategories
            .Where(c => c.Code == "native-potato" || c.Code == "quinoa").Select(c => c.Id).ToListAsync());
        var fields = With(await ProfileFieldsAsync(name),
            ("Input.ProductIds", categories[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.ProductIds", categories[1].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.IsPhonePublic", "true"), ("Input.IsPhonePublic", "false"),
            ("Input.IsStoryPublic", "false"),
            ("Input.IsCommunityPublic", "true"), ("Input.IsCommunityPublic", "false"),
            ("Input.IsContactPublic", "false"),
            ("Input.IsPhotoPublic", "false"));

        var saved = await PostMultipartAsync(client, "/Producer/Profile", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var producer = await site.WithDbAsync(db => db.Producers.Include(p => p.Products)
            .SingleAsync(p => p.DisplayName == name));
        Assert.Equal(Domain.Producers.OrganizationType.WomensOrganization, producer.OrganizationType);
        Assert.Equal(25, producer.MemberCount);
        Assert.Equal(Domain.Producers.Gender.Female, producer.ContactGender);
        Assert.Equal("+51 964 123 456", producer.Phone);
        Assert.Equal(categories.Order(), producer.Products.Select(p => p.ProductCategoryId).Order());
        Assert.True(producer.IsPhonePublic);
        Assert.True(producer.IsCommunityPublic);
        Assert.False(producer.IsStoryPublic);
        Assert.False(producer.IsContactPublic);
        Assert.False(producer.IsPhotoPublic);

        // The public profile shows what is public and nothing else.
        var page = await BodyAsync(await site.CreateClient().GetAsync($"/Producers/{producer.Id}", Ct));
        Assert.Contains("+51 964 123 456", page);
        Assert.Contains("Ccasapata", page);
        Assert.DoesNotContain("Veinticinco mujeres", page);
        Assert.DoesNotContain("Rosa Quispe", page);

        // Saving again updates the same row: one producer per account.
        var again = await PostMultipartAsync(client, "/Producer/Profile",
            With(await ProfileFieldsAsync(name), ("Input.IsStoryPublic", "true")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var rows = await site.WithDbAsync(db => db.Producers.Where(p => p.UserId == producer.UserId).ToListAsync());
        Assert.Single(rows);
        Assert.True(rows[0].IsStoryPublic);
        Assert.Empty(await site.WithDbAsync(db => db.ProducerProducts.Where(p => p.ProducerId == producer.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_new_profile_asks_only_what_booking_needs_then_offers_the_open_days_near_the_producer()
    {
        var email = await NewProducerAccountAsync(site);
        var client = await SignedInAsync(site, email);

        var form = await BodyAsync(await client.GetAsync("/Producer/Profile", Ct));
        foreach (var asked in new[] { "Input.DisplayName", "Input.OrganizationType", "Input.MunicipalityId", "Input.ProductIds" })
        {
            Assert.Contains($"name=\"{asked}\"", form);
        }
        foreach (var later in new[] { "Input.MemberCount", "Input.ContactName", "Input.Community", "Input.Phone", "Input.Story", "Input.Photo", "Input.IsPhonePublic" })
        {
            Assert.DoesNotContain($"name=\"{later}\"", form);
        }
        Assert.Contains("puede completarlo después en esta misma página", form);

        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var potato = await site.WithDbAsync(db => db.ProductCategories.Where(c => c.Code == "native-potato").Select(c => c.Id).SingleAsync());
        var name = $"Familia Huamán {Guid.NewGuid():N}";
        var saved = await PostMultipartAsync(client, "/Producer/Profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.OrganizationType"] = "Family",
            ["Input.MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ProductIds"] = potato.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Essentials"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var producer = await site.WithDbAsync(db => db.Producers.Include(p => p.Products).SingleAsync(p => p.DisplayName == name));
        Assert.Equal(municipality, producer.MunicipalityId);
        Assert.Equal([potato], producer.Products.Select(p => p.ProductCategoryId));
        Assert.True(producer.IsStoryPublic);
        Assert.False(producer.IsPhonePublic);

        var after = await BodyAsync(await client.GetAsync(saved.Headers.Location!.OriginalString, Ct));
        Assert.Contains("Perfil guardado.", after);
        Assert.Contains("Próximas ferias abiertas cerca de usted", after);
        var offered = System.Text.RegularExpressions.Regex.Matches(after, @"href=""/Producer/Bookings/New\?day=(\d+)""")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(offered);
        Assert.InRange(offered.Count, 1, Web.Pages.ProducerArea.ProfileModel.NearDaysShown);
        var regions = await site.WithDbAsync(db => db.FairDays.Where(d => offered.Contains(d.Id))
            .Select(d => d.Venue!.Municipality!.Region!.Code).Distinct().ToListAsync());
        var own = await site.WithDbAsync(db => db.Municipalities.Where(m => m.Id == municipality).Select(m => m.Region!.Code).SingleAsync());
        Assert.Equal([own], regions);

        // Once saved, the page is the whole form, and the open days are shown only right after a save.
        var later2 = await BodyAsync(await client.GetAsync("/Producer/Profile", Ct));
        Assert.Contains("name=\"Input.Story\"", later2);
        Assert.Contains("name=\"Input.Phone\"", later2);
        Assert.DoesNotContain("Próximas ferias abiertas cerca de usted", later2);
    }

    [Fact]
    public async Task The_short_form_posted_onto_a_whole_profile_changes_only_its_own_fields()
    {
        var email = await NewProducerAccountAsync(site);
        var client = await SignedInAsync(site, email);
        var name = $"Ayllu Yauli {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(client, "/Producer/Profile", await ProfileFieldsAsync(name))).StatusCode);

        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var shortened = await PostMultipartAsync(client, "/Producer/Profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name + " II",
            ["Input.OrganizationType"] = "Cooperative",
            ["Input.MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Essentials"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, shortened.StatusCode);
        var producer = await site.WithDbAsync(db => db.Producers.SingleAsync(p => p.DisplayName == name + " II"));
        Assert.Equal(Domain.Producers.OrganizationType.Cooperative, producer.OrganizationType);
        Assert.Equal("+51 964 123 456", producer.Phone);
        Assert.Equal("Rosa Quispe", producer.ContactName);
        Assert.Equal("Veinticinco mujeres que cultivan papa nativa.", producer.Story);
        Assert.Equal(25, producer.MemberCount);
    }

    [Fact]
    public async Task Missing_name_and_municipality_are_field_errors_and_nothing_is_created()
    {
        var email = await NewProducerAccountAsync(site);
        var client = await SignedInAsync(site, email);

        var response = await PostMultipartAsync(client, "/Producer/Profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = " ",
            ["Input.OrganizationType"] = "Family",
            ["Input.MunicipalityId"] = "",
            ["Input.MemberCount"] = "0",
            ["Input.Phone"] = "call me",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Contains("id=\"Input_DisplayName-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("id=\"Input_MunicipalityId-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("id=\"Input_MemberCount-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("id=\"Input_Phone-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.False(await site.WithDbAsync(db => db.Producers.AnyAsync(p => db.Users.Any(u => u.Id == p.UserId && u.Email == email))));
    }

    [Fact]
    public async Task A_real_png_photo_is_stored_as_a_web_sized_jpeg_and_served_publicly_only_while_public()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var producerId = await ProducerIdAsync(site, DemoProducer);
        var png = Png(1600, 1200);

        var saved = await PostMultipartAsync(client, "/Producer/Profile",
            With(await ProfileFieldsAsync(DemoProducerName), ("Input.IsPhotoPublic", "true")),
            new FilePart("Input.Photo", "chacra.png", "image/png", png));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var photo = await site.WithDbAsync(db => db.StoredFiles.SingleAsync(f =>
            f.Id == db.Producers.Where(p => p.Id == producerId).Select(p => p.PhotoFileId).Single()));
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal(producerId, photo.OwnerProducerId);
        Assert.Equal(UploadKind.Jpeg, UploadInspector.Sniff(photo.Content));
        Assert.Equal((800, 600), SizeOf(photo.Content));
        Assert.Equal(photo.Content.Length, photo.Length);

        var own = await client.GetAsync($"/Producer/Files/{photo.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/jpeg", own.Content.Headers.ContentType?.MediaType);
        var anonymous = site.CreateClient();
        var media = await anonymous.GetAsync($"/Media/Photo/{producerId}", Ct);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal(photo.Content, await media.Content.ReadAsByteArrayAsync(Ct));

        // A second photo replaces the first, which is deleted.
        var replaced = await PostMultipartAsync(client, "/Producer/Profile",
            With(await ProfileFieldsAsync(DemoProducerName), ("Input.IsPhotoPublic", "false")),
            new FilePart("Input.Photo", "otra.png", "image/png", Png(300, 500)));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == photo.Id)));
        var newPhotoId = await site.WithDbAsync(db => db.Producers.Where(p => p.Id == producerId).Select(p => p.PhotoFileId).SingleAsync());
        Assert.NotNull(newPhotoId);
        Assert.Equal((300, 500), SizeOf(await site.WithDbAsync(db => db.StoredFiles.Where(f => f.Id == newPhotoId).Select(f => f.Content).SingleAsync())));
        // Not public any more: the public address knows no photo.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Media/Photo/{producerId}", Ct)).StatusCode);
        // Another producer cannot read it through its own file address either.
        var stranger = await SignedInAsync(site, await NewProducerAccountWithProfileAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Producer/Files/{newPhotoId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_text_file_named_photo_jpg_is_a_field_error_and_nothing_is_stored()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var producerId = await ProducerIdAsync(site, DemoProducer);
        var before = await site.WithDbAsync(db => db.Producers.Where(p => p.Id == producerId)
            .Select(p => new { p.PhotoFileId, p.Story }).SingleAsync());
        var files = await site.WithDbAsync(db => db.StoredFiles.CountAsync());

        var response = await PostMultipartAsync(client, "/Producer/Profile",
            With(await ProfileFieldsAsync(DemoProducerName), ("Input.Story", "No debería guardarse")),
            new FilePart("Input.Photo", "photo.jpg", "image/jpeg", Encoding.UTF8.GetBytes("Esto no es una foto, es texto.")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Contains("id=\"Input_Photo-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("JPEG o PNG de verdad", html);
        Assert.Equal(files, await site.WithDbAsync(db => db.StoredFiles.CountAsync()));
        var after = await site.WithDbAsync(db => db.Producers.Where(p => p.Id == producerId)
            .Select(p => new { p.PhotoFileId, p.Story }).SingleAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_jpeg_header_on_garbage_is_refused_as_unreadable()
    {
        var client = await SignedInAsync(site, DemoProducer);
        byte[] fake = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("not really a jpeg at all")];

        var response = await PostMultipartAsync(client, "/Producer/Profile",
            await ProfileFieldsAsync(DemoProducerName), new FilePart("Input.Photo", "foto.jpg", "image/jpeg", fake));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No se pudo leer la imagen", await BodyAsync(response));
    }

    [Fact]
    public async Task A_photo_just_over_5_MB_is_refused_with_a_field_error()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var files = await site.WithDbAsync(db => db.StoredFiles.CountAsync());
        var big = new byte[UploadInspector.MaxBytes + 1];
        Png(10, 10).CopyTo(big, 0);

        var response = await PostMultipartAsync(client, "/Producer/Profile",
            await ProfileFieldsAsync(DemoProducerName), new FilePart("Input.Photo", "grande.png", "image/png", big));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Contains("id=\"Input_Photo-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("más de 5 MB", html);
        Assert.Equal(files, await site.WithDbAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task A_photo_past_the_request_limit_answers_with_the_field_error_after_a_redirect()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var files = await site.WithDbAsync(db => db.StoredFiles.CountAsync());
        var huge = new byte[9 * 1024 * 1024];
        Png(10, 10).CopyTo(huge, 0);

        var response = await PostMultipartAsync(client, "/Producer/Profile",
            await ProfileFieldsAsync(DemoProducerName), new FilePart("Input.Photo", "enorme.png", "image/png", huge));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Producer/Profile", response.Headers.Location?.OriginalString);
        var page = await client.GetAsync("/Producer/Profile", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await BodyAsync(page);
        Assert.Contains("id=\"Input_Photo-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("más de 5 MB", html);
        Assert.Equal(files, await site.WithDbAsync(db => db.StoredFiles.CountAsync()));
        // Shown once: the next visit is clean.
        Assert.DoesNotContain("más de 5 MB; no se guardó", await BodyAsync(await client.GetAsync("/Producer/Profile", Ct)));
    }

    [Fact]
    public async Task The_profile_is_for_producers_only()
    {
        var anonymous = await site.CreateBrowserClient().GetAsync("/Producer/Profile", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Identity/Account/Login", anonymous.Headers.Location!.OriginalString);

        var staff = await (await SignedInAsync(site, StaffHuancavelica)).GetAsync("/Producer/Profile", Ct);
        Assert.NotEqual(HttpStatusCode.OK, staff.StatusCode);
    }

    private async Task<string> NewProducerAccountWithProfileAsync()
    {
        var email = await NewProducerAccountAsync(site);
        var client = await SignedInAsync(site, email);
        var saved = await PostMultipartAsync(client, "/Producer/Profile", await ProfileFieldsAsync($"Otro {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return email;
    }
}
