console.log("lorelab");
