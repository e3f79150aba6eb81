var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddAWSLambdaHosting(LambdaEventSource.RestApi);

var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant

if (!app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage(); // Noncompliant
}

app.UseHttpsRedirection();
app.MapControllers();
app.Run();
