using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class HashProducerCalendarTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Producers_CalendarToken",
                table: "Producers");

            migrationBuilder.RenameColumn(
                name: "CalendarToken",
                table: "Producers",
                newName: "CalendarTokenHash");

            // The old column held the tokens in the clear; they cannot be kept as they were (their
            // encrypted copy never existed), so each feed gets a new address on its producer's next visit.
            migrationBuilder.Sql("UPDATE [Producers] SET [CalendarTokenHash] = NULL;");

            migrationBuilder.AddColumn<string>(
                name: "CalendarTokenCipher",
                table: "Producers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Producers_CalendarTokenHash",
                table: "Producers",
                column: "CalendarTokenHash",
                unique: true,
                filter: "[CalendarTokenHash] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Producers_CalendarTokenHash",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "CalendarTokenCipher",
                table: "Producers");

            migrationBuilder.RenameColumn(
                name: "CalendarTokenHash",
                table: "Producers",
                newName: "CalendarToken");

            migrationBuilder.CreateIndex(
                name: "IX_Producers_CalendarToken",
                table: "Producers",
                column: "CalendarToken",
                unique: true,
                filter: "[CalendarToken] IS NOT NULL");
        }
    }
}
